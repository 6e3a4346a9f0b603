/**
 * @module
 * Dependency injection. Plugins import `inject`/`injectable` from here, never from tsyringe,
 * so the container can change without touching a plugin.
 */
// reflect-metadata must be evaluated before tsyringe reads decorator metadata.
import 'reflect-metadata';

export {
  container as rootContainer,
  inject,
  injectable,
  singleton,
  Lifecycle,
  instanceCachingFactory,
  type DependencyContainer,
  type InjectionToken,
} from 'tsyringe';
