// Two timers side by side, then a promise chain and a file read: async operations Node's
// async_hooks trace as nestable async events (ph b/e), one id per operation.
const fs = require('fs');
function sleep(ms) { return new Promise(resolve => setTimeout(resolve, ms)); }
async function task(name, ms) {
  await sleep(ms);
  await fs.promises.readFile(__filename);
  return name;
}
(async () => {
  const results = await Promise.all([task('a', 100), task('b', 200)]);
  console.log(results.join(' '));
})();
