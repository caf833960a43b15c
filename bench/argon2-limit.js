// The machine's argon2 limit: argon2id hashes per second over libuv's thread pool with the
// given parameters and nothing else running in the process. Prints one JSON line.
//   node bench/argon2-limit.js <memoryCost> <timeCost> <parallelism> <concurrency> <seconds>
const argon2 = require('argon2');

const [memoryCost, timeCost, parallelism, concurrency, seconds] = process.argv.slice(2).map(Number);

async function main() {
  const options = { type: argon2.argon2id, memoryCost, timeCost, parallelism };
  await argon2.hash('warm up the pool', options);
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let hashes = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      await argon2.hash(`a password of usual length ${hashes}`, options);
      hashes += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ hashes, seconds: elapsed, perSecond: hashes / elapsed })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
