package org.jingzhun.area;

/**
 * Loads an edition of the division codes in one transaction: new codes are added, changed names updated,
 * codes the edition no longer lists are marked retired (never deleted). A malformed edition is refused
 * with a {@link DivisionFileException} and leaves the stored divisions as they were.
 */
public interface DivisionLoading {

    EditionReport load(DivisionSource source);
}
