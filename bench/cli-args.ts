/** Command-line options of the bench scripts: `--name value` or `--name=value`. */
export const argValue = (argv: readonly string[], name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};

/** A positive integer option, or undefined when absent; anything else stops the bench with the option named. */
export const argInt = (argv: readonly string[], name: string): number | undefined => {
  const v = argValue(argv, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${v}`);
  return n;
};
