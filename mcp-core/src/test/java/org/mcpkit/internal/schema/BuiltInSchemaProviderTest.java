package org.mcpkit.internal.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcpkit.server.schema.CompiledSchema;
import org.mcpkit.server.schema.SchemaProblem;
import org.mcpkit.server.schema.SchemaValidatorProvider;
import org.mcpkit.server.schema.UncheckedKeywords;

/** The built-in behind the SPI: pointers, and what it refuses at registration by default. */
class BuiltInSchemaProviderTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final String ADVICE =
      "; add the mcp-json-schema module for all of JSON Schema 2020-12, or accept them unchecked with"
          + " SchemaValidatorProvider.builtIn(UncheckedKeywords.ACCEPT)";

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) throws Exception {
    return M.readValue(text.replace('\'', '"'), Map.class);
  }

  private static String refusal(String schema) throws Exception {
    Map<String, Object> s = json(schema);
    return assertThrows(IllegalArgumentException.class, () -> SchemaValidatorProvider.builtIn().compile(s))
        .getMessage();
  }

  @Test
  void problemsCarryJsonPointers() throws Exception {
    CompiledSchema schema = SchemaValidatorProvider.builtIn().compile(json(
        "{'type':'object','required':['name'],'additionalProperties':false,'properties':{'name':{},"
            + "'address':{'properties':{'city':{'type':'string'}}},'tags':{'items':{'type':'string'}},"
            + "'a/b~c':{'type':'integer'}}}"));
    assertEquals(
        List.of(
            new SchemaProblem("", "missing required argument 'name'"),
            new SchemaProblem("/address/city", "argument 'address.city' must be a string"),
            new SchemaProblem("/tags/1", "argument 'tags[1]' must be a string"),
            new SchemaProblem("/a~1b~0c", "argument 'a/b~c' must be an integer"),
            new SchemaProblem("/extra", "unknown argument 'extra'")),
        schema.validate(json("{'address':{'city':1},'tags':['x',2],'a/b~c':true,'extra':0}")));
    assertEquals(List.of(), schema.validate(json("{'name':'n','tags':[]}")));
  }

  @Test
  void refusesEachKeywordThatConstrainsValuesButIsNotChecked() throws Exception {
    for (String keyword : KeywordAudit.UNCHECKED) {
      assertEquals(
          "the built-in schema validator cannot check '" + keyword + "' at #/properties/p" + ADVICE,
          refusal("{'properties':{'p':{'" + keyword + "':{}}}}"),
          keyword);
    }
    assertEquals(15, KeywordAudit.UNCHECKED.size());
  }

  @Test
  void namesEveryFindingWithItsLocation() throws Exception {
    assertEquals(
        "the built-in schema validator cannot check '$schema' 'https://example.com/dialect' at #, 'if' at #,"
            + " '$ref' '#anchor' at #/properties/x, '$ref' '#/$defs/missing' at #/properties/y,"
            + " 'pattern' '([' at #/properties/z, '$id' at #/$defs/a, 'patternProperties' at #/allOf/0/items/not"
            + ADVICE,
        refusal("{'$schema':'https://example.com/dialect','if':{},'then':{},'$defs':{'a':{'$id':'https://e/a'}},"
            + "'properties':{'x':{'$ref':'#anchor'},'y':{'$ref':'#/$defs/missing'},'z':{'pattern':'(['}},"
            + "'allOf':[{'items':{'not':{'patternProperties':{}}}}]}"));
    StringBuilder many = new StringBuilder("{'properties':{");
    for (int i = 0; i < 12; i++) {
      many.append(i == 0 ? "" : ",").append("'p").append(i).append("':{'multipleOf':2}");
    }
    String message = refusal(many.append("}}").toString());
    assertEquals(
        "the built-in schema validator cannot check 'multipleOf' at #/properties/p0, 'multipleOf' at #/properties/p1,"
            + " 'multipleOf' at #/properties/p2, 'multipleOf' at #/properties/p3, 'multipleOf' at #/properties/p4,"
            + " 'multipleOf' at #/properties/p5, 'multipleOf' at #/properties/p6, 'multipleOf' at #/properties/p7,"
            + " 'multipleOf' at #/properties/p8, 'multipleOf' at #/properties/p9 and 2 more" + ADVICE,
        message);
  }

  @Test
  void acceptsWhatItChecksAndWhatConstrainsNothing() throws Exception {
    Map<String, Object> schema = json(
        "{'$schema':'https://json-schema.org/draft/2020-12/schema','$id':'https://example.com/tool','title':'t',"
            + "'description':'d','$comment':'c','x-mcp-header':'X','properties':{'if':{'type':'string'},"
            + "'mail':{'type':'string','format':'email','contentMediaType':'text/plain','default':'a@b.c',"
            + "'examples':['a@b.c'],'deprecated':false,'readOnly':true,'$anchor':'mail'},"
            + "'then':{'$ref':'#/$defs/n'},'all':{'$ref':'#'}},'$defs':{'n':{'type':'integer','minimum':0}},"
            + "'minContains':1,'then':{'required':['x']}}");
    CompiledSchema compiled = SchemaValidatorProvider.builtIn().compile(schema);
    assertEquals(
        List.of(new SchemaProblem("/then", "argument 'then' must be >= 0")), compiled.validate(json("{'then':-1}")));
  }

  @Test
  void acceptingUncheckedKeywordsLeavesThemUnchecked() throws Exception {
    CompiledSchema schema = SchemaValidatorProvider.builtIn(UncheckedKeywords.ACCEPT).compile(json(
        "{'properties':{'method':{'type':'string'}},'if':{'properties':{'method':{'const':'card'}}},"
            + "'then':{'required':['card']}}"));
    assertEquals(List.of(), schema.validate(json("{'method':'card'}"))); // the conditional is not checked
    assertEquals(
        List.of(new SchemaProblem("/method", "argument 'method' must be a string")),
        schema.validate(json("{'method':1}")));
  }
}
