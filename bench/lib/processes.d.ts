import type { ChildProcess } from 'node:child_process';

/** See processes.js. */
export function freePort(): Promise<number>;
export function startGateway(root: string, port: number, token: string, name?: string): Promise<ChildProcess>;
export function operator(url: string, token: string): Promise<{ request(method: string, params: unknown): Promise<any>; close(): void }>;
