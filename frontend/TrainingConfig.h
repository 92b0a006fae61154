// The model file's `dlc:` section (training settings Keras keeps outside the model) → dlc.training.
#ifndef DLC_FRONTEND_TRAININGCONFIG_H
#define DLC_FRONTEND_TRAININGCONFIG_H

#include "frontend/ConfigNode.h"

#include "mlir/IR/BuiltinAttributes.h"

namespace dlc::frontend {

struct TrainingConfig {
  mlir::DictionaryAttr attr;
  /// `batch_size`, or 0 when the section does not set it.
  int64_t batchSize = 0;
};

/// Validates the section (located errors for unknown keys, wrong types,
/// out-of-range values) and converts it to the dlc.training dictionary.
TrainingConfig readTrainingConfig(const ConfigNode &section,
                                  mlir::MLIRContext &context);

} // namespace dlc::frontend

#endif // DLC_FRONTEND_TRAININGCONFIG_H
