// The adapter contract suite (test/contract/) run against soap-xml and the Hà Nội simulator.
import { describeAdapterContract } from '../contract/suite.ts';
import { soapXmlHarness } from '../contract/soap-xml.harness.ts';

describeAdapterContract('soap-xml (Hà Nội simulator)', soapXmlHarness);
