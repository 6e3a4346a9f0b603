import { describe, expect, it } from 'vitest';
import { HOST_GLIBC_TUNABLES, hostEnvironment } from './openclaw-command.js';

describe('hostEnvironment', () => {
  it('fixes glibc mmap threshold on Linux, keeping tunables already set', () => {
    expect(hostEnvironment({}, 'linux')).toEqual({ GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=131072' });
    expect(hostEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, 'linux')).toEqual({ GLIBC_TUNABLES: `glibc.malloc.arena_max=2:${HOST_GLIBC_TUNABLES}` });
  });

  it('leaves a threshold someone chose alone, and adds nothing where glibc is not the allocator', () => {
    expect(hostEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=65536' }, 'linux')).toEqual({ GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=65536' });
    expect(hostEnvironment({}, 'darwin')).toEqual({});
    expect(hostEnvironment({}, 'win32')).toEqual({});
  });
});
