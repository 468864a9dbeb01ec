import { describeFixtures } from './support/fixture-suite.js';

// Every case under fixtures/, half of them here (see describeFixtures): before/ becomes after/ byte for byte, a
// second run changes nothing, --check agrees, and after/ type-checks and loads with exactly one client.
describeFixtures(2, 2);
