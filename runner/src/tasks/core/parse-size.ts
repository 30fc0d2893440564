// Reads the deprecated size strings of task.toml ("2G", "512M", "1024K") as MB, the way the framework does.

/**
 * G multiplies by 1024, M is taken as is, K divides by 1024 (case-insensitive); anything else is undefined
 * (the framework raises a ValueError: "2 GB", "2", "2T").
 * @example parseSizeMb('2G') // 2048
 * @example parseSizeMb('2 GB') // undefined
 */
export function parseSizeMb(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([GMK])$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2]!.toUpperCase();
  // The framework truncates with int() after scaling.
  return Math.trunc(unit === 'G' ? n * 1024 : unit === 'K' ? n / 1024 : n);
}
