import { describeFixtures } from '../support/fixture-suite.js';

// The fixtures whose case.json says `"tier": "ci"`: family members kept out of npm test's time budget, with every
// assertion the default tier makes.
describeFixtures(1, 1, 'ci');
