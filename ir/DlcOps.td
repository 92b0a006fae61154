//===- DlcOps.td - every op of the dlc dialect ---------------*- tablegen -*-===//

#ifndef DLC_IR_DLCOPS_TD
#define DLC_IR_DLCOPS_TD

include "ir/NNOps.td"
include "ir/ShapeOps.td"
include "ir/RNNOps.td"
include "ir/GradOps.td"
include "ir/TrainOps.td"
include "ir/FusedOps.td"

#endif // DLC_IR_DLCOPS_TD
