import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Jest fails a test on an unhandled rejection of its own accord, so the watch is exercised in a
// plain Node process, as an application's own test runner would run it.
const script = `
const { watchUnhandledRejections } = require(${JSON.stringify(join(__dirname, '..', 'src', 'unhandled-rejections.ts'))});
const watch = watchUnhandledRejections();
Promise.reject(new Error('nobody caught me'));
Promise.reject(new Error('caught')).catch(() => undefined);
setTimeout(() => {
  watch.dispose();
  process.on('unhandledRejection', () => undefined);
  Promise.reject(new Error('after dispose'));
  setTimeout(() => console.log(JSON.stringify(watch.reasons.map(reason => reason.message))), 20);
}, 20);
`;

describe('watchUnhandledRejections', () => {
  it('records each rejection nobody handled, and nothing after it is disposed', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '-e', script], {
      timeout: 30_000,
    });

    expect(JSON.parse(stdout)).toEqual(['nobody caught me']);
  });
});
