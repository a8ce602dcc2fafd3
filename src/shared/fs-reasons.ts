// What each errno says to a person, with the error code twin reports and what to do about it
// (safe-fs turns a file-system failure into a sentence with these).

interface Reason {
  code: string;
  says: string;
  suggestion: string;
}

export const REASONS: Record<string, Reason> = {
  ENOTREGULAR: {
    code: 'unsafe_path',
    says: 'it is not a regular file (a FIFO, socket or device)',
    suggestion: 'Point to a regular file; twin reads only those.',
  },
  EACCES: { code: 'permission_denied', says: 'permission denied', suggestion: "Check the folder's permissions, or choose another path." },
  EPERM: {
    code: 'permission_denied',
    says: 'operation not permitted',
    suggestion: "Check the file's permissions and attributes, or choose another path.",
  },
  EROFS: { code: 'read_only_file_system', says: 'read-only file system', suggestion: 'Choose a folder on a writable disk.' },
  ENOSPC: {
    code: 'disk_full',
    says: 'the disk is full',
    suggestion: 'Free some space (or choose another disk) and run again; what was finished is kept.',
  },
  EDQUOT: {
    code: 'disk_full',
    says: 'the disk quota is used up',
    suggestion: 'Free some space (or choose another disk) and run again; what was finished is kept.',
  },
  ENOENT: {
    code: 'path_not_found',
    says: 'no such file or folder',
    suggestion: 'Check the path; create the folder first if it should exist.',
  },
  ENOTDIR: { code: 'path_not_found', says: 'a part of the path is not a folder', suggestion: 'Check the path.' },
  EISDIR: { code: 'is_a_directory', says: 'it is a folder', suggestion: 'Give a file name, not a folder.' },
  ELOOP: {
    code: 'symlink_refused',
    says: 'it is a symbolic link, which twin never writes through',
    suggestion: 'Remove the link or choose another path.',
  },
  EEXIST: {
    code: 'file_exists',
    says: 'it already exists',
    suggestion: 'Remove it, choose another path, or pass --force where the command offers it.',
  },
  EMFILE: {
    code: 'too_many_open_files',
    says: 'too many open files',
    suggestion: 'Raise the open-file limit (ulimit -n) or lower --concurrency.',
  },
  ENFILE: {
    code: 'too_many_open_files',
    says: 'too many open files on the system',
    suggestion: 'Close other programs or raise the limit, then run again.',
  },
  EIO: { code: 'io_error', says: 'an input/output error from the disk', suggestion: 'Check the disk, then run again.' },
  EBUSY: { code: 'file_busy', says: 'the file is busy', suggestion: 'Close the program using it, then run again.' },
  ETXTBSY: { code: 'file_busy', says: 'the file is busy', suggestion: 'Close the program using it, then run again.' },
  ENAMETOOLONG: { code: 'name_too_long', says: 'the name is too long', suggestion: 'Choose a shorter path.' },
  EXDEV: { code: 'cross_device', says: 'it is on another disk', suggestion: 'Keep the file and its folder on one disk.' },
};
