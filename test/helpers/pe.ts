/**
 * Just enough of the Windows PE format to check a built ddns.exe without Windows: its headers,
 * its data directories and the resources Node looks the single-executable blob up in.
 * Layout: Microsoft's "PE Format" specification (IMAGE_NT_HEADERS, IMAGE_RESOURCE_DIRECTORY).
 */

export interface PeImage {
  /** IMAGE_FILE_HEADER.Machine: 0x8664 for x64. */
  machine: number;
  /** IMAGE_OPTIONAL_HEADER.Subsystem: 3 for a console program. */
  subsystem: number;
  /** Each data directory as [rva (a file offset for the certificate table), size]. */
  directories: [number, number][];
  sections: { name: string; virtualAddress: number; virtualSize: number; rawOffset: number; rawSize: number }[];
}

const IMAGE_DIRECTORY_ENTRY_RESOURCE = 2;
export const IMAGE_DIRECTORY_ENTRY_SECURITY = 4;
/** The resource type of raw data, which is what postject injects the blob as. */
export const RT_RCDATA = 10;

export function parsePe(file: Buffer): PeImage {
  if (file.toString('latin1', 0, 2) !== 'MZ') throw new Error('no MZ header');
  const peHeader = file.readUInt32LE(0x3c);
  if (file.toString('latin1', peHeader, peHeader + 4) !== 'PE\0\0') throw new Error('no PE signature');
  const fileHeader = peHeader + 4;
  const sectionCount = file.readUInt16LE(fileHeader + 2);
  const optionalHeaderSize = file.readUInt16LE(fileHeader + 16);
  const optionalHeader = fileHeader + 20;
  const pe32Plus = file.readUInt16LE(optionalHeader) === 0x20b;
  const directoryCount = file.readUInt32LE(optionalHeader + (pe32Plus ? 108 : 92));
  const directoryTable = optionalHeader + (pe32Plus ? 112 : 96);
  const directories: [number, number][] = [];
  for (let index = 0; index < directoryCount; index++) {
    directories.push([file.readUInt32LE(directoryTable + index * 8), file.readUInt32LE(directoryTable + index * 8 + 4)]);
  }
  const sections: PeImage['sections'] = [];
  const sectionTable = optionalHeader + optionalHeaderSize;
  for (let index = 0; index < sectionCount; index++) {
    const at = sectionTable + index * 40;
    sections.push({
      name: file.toString('latin1', at, at + 8).replace(/\0+$/, ''),
      virtualSize: file.readUInt32LE(at + 8),
      virtualAddress: file.readUInt32LE(at + 12),
      rawSize: file.readUInt32LE(at + 16),
      rawOffset: file.readUInt32LE(at + 20),
    });
  }
  return { machine: file.readUInt16LE(fileHeader), subsystem: file.readUInt16LE(optionalHeader + 68), directories, sections };
}

function fileOffset(image: PeImage, rva: number): number {
  const section = image.sections.find((candidate) => rva >= candidate.virtualAddress && rva < candidate.virtualAddress + Math.max(candidate.virtualSize, candidate.rawSize));
  if (!section) throw new Error(`RVA 0x${rva.toString(16)} is in no section`);
  return rva - section.virtualAddress + section.rawOffset;
}

interface ResourceEntry {
  /** The entry's string name, or its numeric ID. */
  key: string | number;
  /** Offset from the start of the resource section. */
  target: number;
  isDirectory: boolean;
}

function resourceEntries(file: Buffer, base: number, directory: number): ResourceEntry[] {
  const at = base + directory;
  const count = file.readUInt16LE(at + 12) + file.readUInt16LE(at + 14);
  const entries: ResourceEntry[] = [];
  for (let index = 0; index < count; index++) {
    const nameField = file.readUInt32LE(at + 16 + index * 8);
    const targetField = file.readUInt32LE(at + 16 + index * 8 + 4);
    let key: string | number = nameField;
    if (nameField & 0x80000000) {
      const name = base + (nameField & 0x7fffffff);
      key = file.toString('utf16le', name + 2, name + 2 + file.readUInt16LE(name) * 2);
    }
    entries.push({ key, target: targetField & 0x7fffffff, isDirectory: (targetField & 0x80000000) !== 0 });
  }
  return entries;
}

/** The data of resource `type`/`name` (first language), or undefined when the image has none. */
export function peResource(file: Buffer, image: PeImage, type: number, name: string): Buffer | undefined {
  const [rva, size] = image.directories[IMAGE_DIRECTORY_ENTRY_RESOURCE] ?? [0, 0];
  if (rva === 0 || size === 0) return undefined;
  const base = fileOffset(image, rva);
  const typeEntry = resourceEntries(file, base, 0).find((entry) => entry.key === type && entry.isDirectory);
  if (!typeEntry) return undefined;
  const nameEntry = resourceEntries(file, base, typeEntry.target).find((entry) => typeof entry.key === 'string' && entry.key.toUpperCase() === name.toUpperCase() && entry.isDirectory);
  if (!nameEntry) return undefined;
  const [language] = resourceEntries(file, base, nameEntry.target);
  if (!language || language.isDirectory) return undefined;
  const dataEntry = base + language.target;
  const dataOffset = fileOffset(image, file.readUInt32LE(dataEntry));
  return file.subarray(dataOffset, dataOffset + file.readUInt32LE(dataEntry + 4));
}
