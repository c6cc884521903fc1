/** Errors the `haushalt` command reports in German with exit code 2 (never with a stack trace). */

/** Wrong usage (a bad option value). */
export class UsageError extends Error {}
/** Input that cannot be read or output that cannot be written; the message names the file. */
export class InputError extends Error {}
