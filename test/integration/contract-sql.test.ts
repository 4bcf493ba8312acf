// The adapter contract suite (test/contract/) run against sql and the simulated district
// database in a schema of its own.
import { describeAdapterContract } from '../contract/suite.ts';
import { sqlHarness } from '../contract/sql.harness.ts';

describeAdapterContract('sql (district database simulator)', sqlHarness);
