#pragma once
// Copying a run group from one HDF5 file to another with its dimension scales intact.
//
// H5Ocopy copies a group with its datasets, chunks (still compressed) and attributes, but the
// attachments of dimension scales are object references stored in variable-length attributes
// (DIMENSION_LIST on a variable, REFERENCE_LIST on a scale), which HDF5 1.10 does not remap
// across files: the copies would point at addresses of the source file. So after the copy the
// attachments are read from the source (H5DSiterate_scales), the copied reference attributes
// are deleted, and every scale is attached again to the copies, in a fixed order (variables by
// path in name order, axes in order), so that the same source always gives the same target.
#include <hdf5.h>

#include <string>

namespace wijksim::sweep {

/// Copies `source_parent/name` to `target_parent/target_name` (which must not exist; the
/// parent groups must be open, in different files or the same). Every dimension scale that a
/// variable under the group uses must lie under the group too. Throws analysis::OutputError.
/// Not thread-safe for the target file: callers serialise writes to one file.
void copy_group_with_scales(hid_t source_parent, const std::string& name, hid_t target_parent,
                            const std::string& target_name);

}  // namespace wijksim::sweep
