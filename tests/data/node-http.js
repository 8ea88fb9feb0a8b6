// Two HTTP requests awaited one after the other, then two side by side (Promise.all), against
// Coroscope's delay server (`coroscope serve --port 8765`): each answer takes 0.2 s, so the
// first pair takes 0.4 s and the second 0.2 s. Node's async_hooks trace has a lane per request.
const http = require('http');
const base = process.env.COROSCOPE_HTTP_URL || 'http://127.0.0.1:8765';
function get(path) {
  return new Promise((resolve, reject) => {
    http.get(base + path, res => {
      let body = '';
      res.on('data', chunk => { body += chunk; });
      res.on('end', () => resolve(body.length));
    }).on('error', reject);
  });
}
(async () => {
  const t0 = Date.now();
  await get('/?delay=0.2');
  await get('/?delay=0.2');
  const sequential = Date.now() - t0;
  const t1 = Date.now();
  await Promise.all([get('/?delay=0.2'), get('/?delay=0.2')]);
  console.log(`sequential ${sequential} ms, Promise.all ${Date.now() - t1} ms`);
})();
