import { describe, expect, it } from 'vitest';
import { inject, injectable, rootContainer } from './di.js';

const GREETING = Symbol('greeting');

@injectable()
class Greeter {
  constructor(@inject(GREETING) readonly greeting: string) {}
}

@injectable()
class Door {
  // No @inject: resolution relies on emitted design:paramtypes metadata.
  constructor(readonly greeter: Greeter) {}
}

describe('dependency injection', () => {
  it('emits design:paramtypes under the test runner', () => {
    expect(Reflect.getMetadata('design:paramtypes', Door)).toEqual([Greeter]);
  });

  it('resolves constructor dependencies from metadata in a child container', () => {
    const child = rootContainer.createChildContainer();
    child.register(GREETING, { useValue: 'hello' });
    expect(child.resolve(Door).greeter.greeting).toBe('hello');
  });

  it('is the one tsyringe a plugin importing tsyringe itself gets', async () => {
    // core loads tsyringe with require; an ES import elsewhere must meet the same container.
    const imported = await import('tsyringe');
    expect(imported.container).toBe(rootContainer);
    expect(imported.injectable).toBe(injectable);
  });
});
