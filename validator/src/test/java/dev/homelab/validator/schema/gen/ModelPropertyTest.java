package dev.homelab.validator.schema.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelPropertyTest {

  @Test
  void readsSerializedNamesTypesAndRequiredness() {
    assertThat(ModelProperty.of(V1ContainerPort.class))
        .extracting(ModelProperty::jsonName, ModelProperty::javaType, ModelProperty::required)
        .containsExactly(
            tuple("containerPort", Integer.class, true),
            tuple("hostIP", String.class, false),
            tuple("hostPort", Integer.class, false),
            tuple("name", String.class, false),
            tuple("protocol", String.class, false));
  }

  @Test
  void containerRequiresOnlyItsName() {
    assertThat(ModelProperty.of(V1Container.class))
        .filteredOn(ModelProperty::required)
        .extracting(ModelProperty::jsonName)
        .containsExactly("name");
  }

  @ParameterizedTest
  @CsvSource({
    "hostIP, SERIALIZED_NAME_HOST_I_P",
    "_default, SERIALIZED_NAME_DEFAULT",
    "$ref, SERIALIZED_NAME_$_REF",
    "xKubernetesPreserveUnknownFields, SERIALIZED_NAME_X_KUBERNETES_PRESERVE_UNKNOWN_FIELDS",
    "fieldsV1, SERIALIZED_NAME_FIELDS_V1"
  })
  void derivesTheGeneratedConstantName(String field, String constant) {
    assertThat(ModelProperty.serializedNameConstant(field)).isEqualTo(constant);
  }

  @Test
  void theConstantFallbackAgreesWithTheAnnotationOnEveryModel() throws Exception {
    List<String> models = ApiKindScanner.topLevelClassNamesInPackageOf(V1ObjectMeta.class);
    assertThat(models).hasSizeGreaterThan(700);
    int checked = 0;
    for (String className : models) {
      Class<?> model = Class.forName(className);
      for (Field field : model.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || Modifier.isAbstract(model.getModifiers())) {
          continue;
        }
        String viaConstant =
            (String)
                model.getField(ModelProperty.serializedNameConstant(field.getName())).get(null);
        assertThat(viaConstant)
            .as(model.getSimpleName() + "." + field.getName())
            .isEqualTo(ModelProperty.jsonNameOf(model, field));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(2500);
  }
}
