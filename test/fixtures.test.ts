import { fixtureCases } from './support/fixture-cases.js';
import { fixtureSuite } from './support/fixture-suite.js';

// Every fixture of the default tier (case.json without `"tier": "ci"`); test/ci/fixtures-ci.test.ts runs the rest.
fixtureSuite(fixtureCases().filter((fixture) => fixture.tier === 'default'));
