import { loadKitShard } from '../helpers/conformance.js';
import { defineTransportFaultSuites } from './transport-faults.suite.js';

defineTransportFaultSuites(await loadKitShard(1, 2, 'http'));
