// The Okta double as its own process (for benchmarks: its CPU and memory stay out of the measured process).
// Prints one JSON line `{ "url": …, "token": … }` once listening; exits when stdin closes or on SIGTERM.
import { startOktaDouble } from './server.js';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
};

const token = process.env.OKTA_DOUBLE_TOKEN ?? 'bench-okta-token';
const double = await startOktaDouble({ token });
double.seed({ users: arg('users', 10_000), groups: arg('groups', 500), groupsPerUser: arg('groups-per-user', 3) });
const stop = () => void double.close().then(() => process.exit(0));
process.stdin.on('end', stop).resume();
process.on('SIGTERM', stop);
process.stdout.write(`${JSON.stringify({ url: double.url, token })}\n`);
