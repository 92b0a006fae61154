// Keras layer class name (with Keras 1/2/3 aliases) → the importer that builds its dlc ops.
#ifndef DLC_FRONTEND_LAYERREGISTRY_H
#define DLC_FRONTEND_LAYERREGISTRY_H

#include "frontend/GraphBuilder.h"

#include <string>

namespace dlc::frontend {

/// The importer of a layer class (Keras 1 and 3 spellings included), or null.
LayerImporter findLayerImporter(const std::string &className);

/// "Activation, Add, AveragePooling2D (AvgPool2D), ...": for the unknown-layer error.
std::string supportedLayerList();

} // namespace dlc::frontend

#endif // DLC_FRONTEND_LAYERREGISTRY_H
