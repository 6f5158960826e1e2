/** What a command produced; the launcher writes it out, tests assert on it without spawning processes. */
export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export const done = (stdout: string, stderr = ''): CliResult => ({ exitCode: 0, stdout, stderr });
export const failed = (exitCode: number, stderr: string, stdout = ''): CliResult => ({
  exitCode,
  stdout,
  stderr,
});

export const lines = (xs: readonly string[]) => (xs.length ? xs.join('\n') + '\n' : '');
