/**
 * How long an API token may live, in days. A module of its own, without imports, so that the command line
 * can name the limits in its help without loading the store (and its database drivers) first.
 */
export const TOKEN_DAYS = { default: 90, min: 1, max: 365 } as const;
