/** The OVHcloud API regions and their bases (WIRE.md, Base and authentication). */
export const OVH_REGION_BASES = {
  'ovh-eu': 'https://eu.api.ovh.com/1.0',
  'ovh-ca': 'https://ca.api.ovh.com/1.0',
  'ovh-us': 'https://api.us.ovhcloud.com/1.0',
} as const;

export type OvhRegion = keyof typeof OVH_REGION_BASES;

export const OVH_REGIONS = Object.keys(OVH_REGION_BASES) as [OvhRegion, ...OvhRegion[]];
