/**
 * The skills extension ({@code io.modelcontextprotocol/skills}, SEP-2640): {@link
 * org.mcpkit.server.skill.SkillDirectory} serves a directory of Agent Skills (each a folder with a
 * {@code SKILL.md} and its files) as {@code skill://} resources, with {@code skills/list}, {@code
 * skills/get} and {@code resources/directory/read}; {@link org.mcpkit.server.skill.Skill} and {@link
 * org.mcpkit.server.skill.SkillFile} are the entries those methods return.
 */
package org.mcpkit.server.skill;
