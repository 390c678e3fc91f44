// The accent colour carries white text (launcher, send button, user bubbles) and is itself
// text on white and on its own pale tint (markers). A host's data-color is darkened until all
// of those reach WCAG AA (4.5:1) — a pale brand colour stays recognisable but readable.

export const DEFAULT_ACCENT = "#b0262d";
export const AA_CONTRAST = 4.5;

type Rgb = readonly [number, number, number];

/** "#abc" or "#aabbcc" (case-insensitive) → [r, g, b]; anything else → undefined. */
export function parseHexColour(value: string): Rgb | undefined {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/iu.exec(value.trim());
  if (!match?.[1]) return undefined;
  const hex = match[1].length === 3 ? [...match[1]].map((digit) => digit + digit).join("") : match[1];
  return [0, 2, 4].map((index) => Number.parseInt(hex.slice(index, index + 2), 16)) as unknown as Rgb;
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((channel) => Math.round(channel).toString(16).padStart(2, "0")).join("")}`;
}

function relativeLuminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((channel) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as unknown as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours. */
export function contrastRatio(first: Rgb, second: Rgb): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** WCAG contrast ratio between white and the colour. */
export function contrastWithWhite(rgb: Rgb): number {
  return contrastRatio(rgb, [255, 255, 255]);
}

export interface AccentPalette {
  /** The accent, darkened if needed so white on it (and it on white) is AA. */
  readonly accent: string;
  /** A pale tint of the accent for marker and highlight backgrounds. */
  readonly soft: string;
  /** A darker shade for hover and pressed states. */
  readonly strong: string;
}

function mix(rgb: Rgb, towards: Rgb, share: number): Rgb {
  return rgb.map((channel, index) => channel + ((towards[index] ?? 0) - channel) * share) as unknown as Rgb;
}

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
const tint = (rgb: Rgb): Rgb => mix(rgb, WHITE, 0.9);

/** The palette for a data-color value; an unreadable value falls back to the default accent. */
export function accentPalette(value: string | undefined): AccentPalette {
  let rgb = (value && parseHexColour(value)) || (parseHexColour(DEFAULT_ACCENT) as Rgb);
  // Markers are accent text on the pale tint, so that pair must pass too (it is the stricter one).
  const passes = (colour: Rgb): boolean => contrastWithWhite(colour) >= AA_CONTRAST && contrastRatio(colour, tint(colour)) >= AA_CONTRAST;
  // Darken in small steps: the first step that passes keeps the colour as close as possible.
  for (let step = 0; step < 60 && !passes(rgb); step += 1) rgb = mix(rgb, BLACK, 0.04);
  return { accent: toHex(rgb), soft: toHex(tint(rgb)), strong: toHex(mix(rgb, BLACK, 0.2)) };
}
