import { loadKitShard } from '../helpers/conformance.js';
import { defineTransportFaultSuites } from './transport-faults.suite.js';

defineTransportFaultSuites(await loadKitShard(0, 2, 'http'));
