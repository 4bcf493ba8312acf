// The adapter contract suite (test/contract/) run against file-drop and the commune export
// simulator writing into a temporary inbox.
import { describeAdapterContract } from '../contract/suite.ts';
import { fileDropHarness } from '../contract/file-drop.harness.ts';

describeAdapterContract('file-drop (commune export simulator, temp inbox)', fileDropHarness);
