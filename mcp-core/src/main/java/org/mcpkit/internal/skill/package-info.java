/**
 * The skills directory behind {@link org.mcpkit.server.skill.SkillDirectory}: the scan (files,
 * digests, directory tree), the frontmatter reader and media types.
 */
package org.mcpkit.internal.skill;
