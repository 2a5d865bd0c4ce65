/** A value quoted for a message: JSON, its first 40 characters when it is longer (a server's or a user's text). */
export const shown = (value: unknown): string =>
  typeof value === "string"
    ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
    : String(value);
