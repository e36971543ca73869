/** Where a command's text goes; tests pass a collecting one. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

export const consoleOutput: CliOutput = { out: (text) => console.log(text), err: (text) => console.error(text) };
