// Renders a host hook's environment as the shell lines the shim sources (through a FIFO: the values never touch the disk).

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * One `export NAME='value'` per variable; single quotes keep every byte but the quote itself, written '\''.
 * Names a shell cannot hold are left out.
 * @example renderHostEnv({ A: "it's" }) // "export A='it'\\''s'\n"
 */
export function renderHostEnv(env: Readonly<Record<string, string>>): string {
  return Object.entries(env)
    .filter(([name]) => NAME.test(name))
    .map(([name, value]) => `export ${name}='${value.replace(/'/g, `'\\''`)}'\n`)
    .join('');
}
