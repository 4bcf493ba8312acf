// The adapter contract suite (test/contract/) run against rest-json and the Quy Nhơn simulator.
import { describeAdapterContract } from '../contract/suite.ts';
import { restJsonHarness } from '../contract/rest-json.harness.ts';

describeAdapterContract('rest-json (Quy Nhơn simulator)', restJsonHarness);
