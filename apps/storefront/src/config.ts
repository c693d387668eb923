/** Where the services are, read at start-up from /config.json (see vite.config.ts). */
export interface StorefrontConfig {
  customersUrl: string;
  cartUrl: string;
}

export async function loadConfig(): Promise<StorefrontConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  const config = (await response.json()) as Partial<StorefrontConfig>;
  if (typeof config.customersUrl !== 'string' || typeof config.cartUrl !== 'string') {
    throw new Error('/config.json must name customersUrl and cartUrl');
  }
  return { customersUrl: config.customersUrl, cartUrl: config.cartUrl };
}
