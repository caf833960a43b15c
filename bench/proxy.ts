// The round-robin proxy of test/helpers/topology.ts in a process of its own, as a load balancer
// is: `tsx bench/proxy.ts <port> <port> …` prints {"url": …} once it listens, and stops on SIGTERM.
import { startProxy } from '../test/helpers/topology';

async function main(): Promise<void> {
  const ports = process.argv.slice(2).map(Number);
  if (!ports.length || ports.some((port) => !Number.isInteger(port) || port <= 0)) throw new Error('usage: tsx bench/proxy.ts <upstream port> …');
  const proxy = await startProxy(ports);
  process.stdout.write(`${JSON.stringify({ url: proxy.url })}\n`);
  process.once('SIGTERM', () => void proxy.close().then(() => process.exit(0)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
