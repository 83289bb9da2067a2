import { loadKitShard } from '../helpers/conformance.js';
import { defineLifecycleSuites } from './lifecycle.suite.js';

defineLifecycleSuites(await loadKitShard(1, 2));
