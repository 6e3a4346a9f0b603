import { spawn, spawnSync } from 'node:child_process';

/**
 * Xvfb on a free display number, reported through -displayfd once it accepts clients.
 * `-noreset` keeps what was painted on the root window when the last client leaves.
 */
export function startXvfb(screen = '1280x800x24') {
  if (spawnSync('Xvfb', ['-help'], { stdio: 'ignore' }).error) throw new Error('Xvfb is missing: apt-get install xvfb');
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', screen, '-noreset', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ child, display: `:${out.trim()}` });
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited ${code}`)));
  });
}
