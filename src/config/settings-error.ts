/** A setting that stops the server from starting; the CLI prints its message and exits 1. */
export class SettingsError extends Error {}
