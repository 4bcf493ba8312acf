import { defineConfig } from 'vitest/config';

// Two projects: unit tests never touch the network (nock blocks it); integration tests use the
// real PostgreSQL and Redis, each test isolated by its own schema and BullMQ prefix.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/mappings/**/*.test.ts'],
          setupFiles: ['test/helpers/no-network.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
