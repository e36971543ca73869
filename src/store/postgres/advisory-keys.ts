/**
 * The first half of every two-key advisory lock this app takes, so its locks never meet another
 * application's on a shared server ('gb' and a kind).
 */
export const LOCK_CLASS = {
  migrations: 0x67620000,
  recordSave: 0x67620001,
  userTurn: 0x67620002,
} as const;
