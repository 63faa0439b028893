/** What a CLI command may touch, passed in so tests can run commands in-process. */
export interface CliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  now(): Date;
  out(line: string): void;
  err(line: string): void;
}

export const processIo = (): CliIo => ({
  cwd: process.cwd(),
  env: process.env,
  now: () => new Date(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
