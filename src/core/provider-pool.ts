import type { Config, ProviderConfig, ProviderTraits } from '../config/types.js';
import { createHttpClient, type HttpClient } from '../http/client.js';
import { ProviderError } from '../http/errors.js';
import type { Logger } from '../log/logger.js';
import type { Provider, ProviderMetadata, WriteOnlyProvider } from '../providers/types.js';
import { OrderedLog } from './concurrency.js';
import { RequestPacer } from './pacer.js';

/** One provider instance per `[[provider]]` per run, loaded on first use, counting its requests. */
export class ProviderPool {
  private readonly instances = new Map<string, Promise<Provider | WriteOnlyProvider>>();
  requests = 0;

  constructor(
    private readonly config: Config,
    private readonly logger: Logger,
    /** The provider types; undefined: the registry, loaded when a provider is first needed. */
    private readonly registry: ReadonlyMap<string, ProviderMetadata> | undefined,
    private readonly clock: { now: () => number; sleep: (ms: number) => Promise<void> },
    private readonly paceFactor = 1,
    /** The full config, for a run that started from the config cache (Config.secretsOmitted). */
    private readonly fullConfig?: () => Promise<Config>,
  ) {}

  get(providerConfig: ProviderConfig): Promise<Provider | WriteOnlyProvider> {
    let instance = this.instances.get(providerConfig.name);
    if (!instance) {
      instance = this.create(providerConfig);
      this.instances.set(providerConfig.name, instance);
    }
    return instance;
  }

  private async create(cached: ProviderConfig): Promise<Provider | WriteOnlyProvider> {
    const providerConfig = await this.withCredentials(cached);
    const registry = this.registry ?? (await import('../providers/registry.js')).PROVIDERS;
    const metadata = registry.get(providerConfig.type);
    if (!metadata) throw new ProviderError('config', `unknown provider type "${providerConfig.type}"`);
    const factory = await metadata.load();
    const prefix = `[${providerConfig.name}] `;
    // One instance serves many records at once: its lines go to the log of the record it works for.
    const logger = () => OrderedLog.current() ?? this.logger;
    const client = createHttpClient({
      timeoutMs: this.config.settings.timeoutMs,
      proxy: this.config.settings.proxy,
      debug: (message) => logger().debug(prefix + message),
    });
    const pacer = metadata.maxRequestsPerSecond === undefined ? undefined : new RequestPacer(metadata.maxRequestsPerSecond * this.paceFactor, this.clock.now, this.clock.sleep);
    const counted: HttpClient = {
      request: async (request) => {
        await pacer?.turn();
        this.requests += 1;
        return client.request(request);
      },
    };
    return factory(providerConfig.options, {
      http: counted,
      endpoint: providerConfig.endpoint,
      timeoutMs: this.config.settings.timeoutMs,
      countRequest: () => {
        this.requests += 1;
      },
      log: { debug: (m) => logger().debug(prefix + m), warn: (m) => logger().warn(prefix + m) },
    });
  }

  /**
   * The traits of a type whose config does not carry them (one made by hand, in tests): from the
   * registry given to the pool. Every config the loader makes carries them (ProviderConfig.traits).
   */
  traitsOf(type: string): ProviderTraits {
    const metadata = this.registry?.get(type);
    return { writeOnly: metadata?.writeOnly === true, updatesByStateId: metadata?.updatesByStateId === true };
  }

  /** The provider's own config with its credentials: from the full config when the run's has none. */
  private async withCredentials(providerConfig: ProviderConfig): Promise<ProviderConfig> {
    if (this.config.secretsOmitted !== true) return providerConfig;
    if (!this.fullConfig) throw new ProviderError('config', `no credentials for [[provider]] "${providerConfig.name}": the config was read from its cache`);
    const full = (await this.fullConfig()).providers.find((candidate) => candidate.name === providerConfig.name && candidate.type === providerConfig.type);
    if (!full) throw new ProviderError('config', `[[provider]] "${providerConfig.name}" is no longer in the config; run again`);
    return full;
  }
}
