/** Reads an environment variable where there is one (Node, Bun, Deno with --allow-env); undefined in browsers. */
export function readEnv(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  // An empty variable counts as unset.
  return proc?.env?.[name] || undefined;
}

/**
 * An option's value, else the environment variable `env`'s, with the name an error reports it by:
 * a bad value from the environment names the variable the user set, not the option.
 */
export function optionOrEnv(
  value: string | undefined,
  option: string,
  env: string,
): [value: string | undefined, name: string] {
  return value !== undefined ? [value, option] : [readEnv(env), env];
}
