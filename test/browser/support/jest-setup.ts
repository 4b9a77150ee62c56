import { jest } from '@jest/globals';

// Jest reads testTimeout only from the global config, not per project: the browser project sets its own here.
jest.setTimeout(120_000);
