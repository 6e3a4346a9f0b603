/**
 * @module
 * Dependency injection. Plugins import `inject`/`injectable` from here, never from tsyringe,
 * so the container can change without touching a plugin.
 */
/// <reference types="reflect-metadata" />
// The types reflect-metadata adds to Reflect: loaded below with require, it brings none itself.
import type * as Tsyringe from 'tsyringe';
import { requireCommonJs } from './require-common-js.js';

// reflect-metadata must be evaluated before tsyringe reads decorator metadata.
requireCommonJs(import.meta.url, 'reflect-metadata');
const tsyringe = requireCommonJs<typeof Tsyringe>(import.meta.url, 'tsyringe');

export const rootContainer: Tsyringe.DependencyContainer = tsyringe.container;
export const { inject, injectable, singleton, Lifecycle, instanceCachingFactory } = tsyringe;
export type Lifecycle = Tsyringe.Lifecycle;
export type { DependencyContainer, InjectionToken } from 'tsyringe';
