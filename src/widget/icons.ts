// Inline SVG icons built with createElementNS from constant path data (no markup parsing,
// no icon font, no network). Each is decorative: the button around it carries the label.

const SVG_NAMESPACE = "http://www.w3.org/2000/svg";

const PATHS = {
  chat: "M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.5.4-1.3.1-1.3-.6V16A2.5 2.5 0 0 1 4 13.5z M8 8.5h8 M8 11.5h5",
  close: "M6 6l12 12 M18 6L6 18",
  send: "M4.5 12h13 M12.5 6.5L18 12l-5.5 5.5",
  copy: "M9 9h9.5v11H9z M15 9V4H5.5v11H9",
  thumbUp: "M7 11v9H4v-9z M7 11l4-7c1.5 0 2.5 1 2.2 2.6L12.6 10H18a2 2 0 0 1 2 2.3l-1.1 6A2 2 0 0 1 16.9 20H7",
  thumbDown: "M7 13V4H4v9z M7 13l4 7c1.5 0 2.5-1 2.2-2.6L12.6 14H18a2 2 0 0 0 2-2.3l-1.1-6A2 2 0 0 0 16.9 4H7",
  retry: "M19 12a7 7 0 1 1-2.05-4.95 M19 4.5v3.5h-3.5",
} as const;

export type IconName = keyof typeof PATHS;

export function icon(name: IconName, size = 18): SVGSVGElement {
  const svg = document.createElementNS(SVG_NAMESPACE, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", "jjqa-icon");
  const path = document.createElementNS(SVG_NAMESPACE, "path");
  path.setAttribute("d", PATHS[name]);
  svg.appendChild(path);
  return svg;
}
