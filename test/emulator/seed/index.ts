import type { SeedData, World } from '../world';
import { seedDemo } from './demo';
import { seedScale } from './scale';

const DAY = 86_400_000;

/** Fills the world: the default bucket in every seeded region, then the demo or scale data. */
export function seedWorld(world: World, data: SeedData, regions: readonly string[]): void {
  const now = world.clock.nowMs();
  for (const region of regions) {
    const state = world.state(region);
    if (!world.s3.buckets.has(state.defaultBucket)) world.s3.createBucket(state.defaultBucket, region, state.accountId, now - 120 * DAY);
  }
  if (data === 'demo') seedDemo(world, regions, now);
  if (data === 'scale') seedScale(world, regions, now);
  for (const state of world.allStates()) state.tick(now);
}
