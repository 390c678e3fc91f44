import { readFileSync } from "node:fs";

/** The text of /proc/<pid>/status (Linux); undefined elsewhere or when the process is gone. */
export function readProcessStatus(pid: number | "self"): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
}

/** A `<field>: N kB` line of a /proc status text (VmRSS, VmHWM …), in bytes; undefined when missing. */
export function statusBytes(statusText: string, field: string): number | undefined {
  const match = new RegExp(`^${field}:\\s*(\\d+)\\s*kB\\s*$`, "mu").exec(statusText);
  return match ? Number(match[1]) * 1024 : undefined;
}
