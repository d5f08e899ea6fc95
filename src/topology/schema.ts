// JSON Schema of the hand-written topology format. schemas/topology.schema.json is this object
// written out (a unit test keeps them equal) so editors can validate topology files.

const hexId = { type: 'string', pattern: '^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$' } as const;
const busNumber = { type: 'integer', minimum: 0, maximum: 255 } as const;

export const topologySchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'irqlens-topology',
  title: 'IRQ Lens topology',
  description: 'PCI functions, bridges and subdevices of one machine, for IRQ Lens attribution checks.',
  type: 'object',
  additionalProperties: false,
  required: ['functions'],
  properties: {
    $schema: { type: 'string' },
    platform: {
      type: 'object',
      additionalProperties: false,
      properties: {
        arch: { enum: ['x86', 'arm64', 'other'] },
        iommu: { enum: ['intel', 'amd', 'smmu', 'none'] },
        msiController: { enum: ['x86-vector', 'its', 'gicv2m', 'other'] },
        msiMap: {
          description: 'Firmware msi-map / IORT: requester IDs ridBase..ridBase+length-1 map to deviceIdBase..',
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['ridBase', 'deviceIdBase', 'length'],
            properties: {
              ridBase: { type: 'integer', minimum: 0, maximum: 65535 },
              deviceIdBase: { type: 'integer', minimum: 0 },
              length: { type: 'integer', minimum: 1 },
            },
          },
        },
      },
    },
    functions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['bdf', 'pcie'],
        properties: {
          bdf: { type: 'string', pattern: '^([0-9a-fA-F]{4,8}:)?[0-9a-fA-F]{2}:[01][0-9a-fA-F]\\.[0-7]$' },
          id: { ...hexId, description: 'vendor:device, hexadecimal' },
          subsystem: { ...hexId, description: 'subsystem vendor:device' },
          class: { type: 'string', pattern: '^(0x)?[0-9a-fA-F]{4}$', description: 'base class and subclass, e.g. 0604' },
          name: { type: 'string' },
          pcie: {
            description: 'PCI Express device/port type, or "conventional" for a device without an Express capability',
            enum: [
              'endpoint',
              'legacy-endpoint',
              'root-port',
              'upstream',
              'downstream',
              'pcie-to-pci',
              'pci-to-pcie',
              'rc-endpoint',
              'rc-event-collector',
              'conventional',
            ],
          },
          bus: {
            type: 'object',
            additionalProperties: false,
            required: ['secondary', 'subordinate'],
            properties: { secondary: busNumber, subordinate: busNumber },
          },
          msi: {
            type: 'object',
            additionalProperties: false,
            required: ['count'],
            properties: { count: { enum: [1, 2, 4, 8, 16, 32] }, maskable: { type: 'boolean' }, is64: { type: 'boolean' } },
          },
          msix: {
            type: 'object',
            additionalProperties: false,
            required: ['tableSize'],
            properties: { tableSize: { type: 'integer', minimum: 1, maximum: 2048 } },
          },
          acs: { type: 'boolean', description: 'SV, RR, CR and UF all satisfied (true) or none (false)' },
          sriov: {
            type: 'object',
            additionalProperties: false,
            required: ['numVfs', 'offset', 'stride'],
            properties: {
              numVfs: { type: 'integer', minimum: 0 },
              totalVfs: { type: 'integer', minimum: 0 },
              offset: { type: 'integer', minimum: 0 },
              stride: { type: 'integer', minimum: 0 },
              vfDevice: { type: 'string', pattern: '^[0-9a-fA-F]{4}$' },
            },
          },
          dmaAliases: {
            description: 'extra same-bus DMA aliases as "ss.f" (e.g. AMD IVRS aliases)',
            type: 'array',
            items: { type: 'string', pattern: '^[01][0-9a-fA-F]\\.[0-7]$' },
          },
          iommuGroup: { type: 'integer', minimum: 0 },
          driver: { type: 'string' },
        },
      },
    },
    subdevices: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'class'],
        properties: {
          name: { type: 'string', minLength: 1 },
          class: { enum: ['mdev', 'auxiliary', 'platform', 'ntb', 'fsl-mc', 'cdx', 'device'] },
          parent: { type: 'string', description: 'bdf of a PCI function or name of another subdevice' },
          iommu: { type: 'boolean', description: 'firmware gives it an IOMMU binding' },
          driver: { type: 'string' },
        },
      },
    },
  },
} as const;
